package io.canopy.deploy.terraform;

import io.canopy.deploy.hcl.Pos;

/**
 * A mistake in the configuration itself (a variable value that does not fit its type, a required variable not given,
 * a reference to something undeclared, a function the evaluator lacks): Terraform reports these whatever the
 * expression, so try() and can() do not swallow them.
 */
public class ConfigurationException extends EvalException {

    public ConfigurationException(Pos pos, String message) {
        super(pos, message);
    }
}
