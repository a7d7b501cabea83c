package io.canopy.acceptance;

/** The acceptance suite against the local runtime, in {@code make test}. */
class LocalAcceptanceIT extends AcceptanceSuite {

    @Override
    protected Deployment deployment() {
        return SharedRuntime.deployment();
    }
}
