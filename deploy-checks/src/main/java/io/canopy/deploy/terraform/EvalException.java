package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Pos;

/** An expression that Terraform would refuse too: wrong types, missing attributes, unknown for_each keys, ... */
public class EvalException extends RuntimeException {

    public EvalException(Pos pos, String message) {
        super(pos == null ? message : pos + ": " + message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
