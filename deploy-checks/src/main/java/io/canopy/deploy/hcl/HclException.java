package io.canopy.deploy.hcl;

/** A syntax error in an HCL file, with its position. */
public class HclException extends RuntimeException {

    private final Pos pos;

    public HclException(Pos pos, String message) {
        super(pos + ": " + message);
        this.pos = pos;
    }

    public Pos pos() {
        return pos;
    }
}
