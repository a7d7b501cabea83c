package io.canopy.deploy.hcl;

/** A position in a source file: file name, 1-based line and column. */
public record Pos(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
