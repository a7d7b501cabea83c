package io.canopy.identity.crypto;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where the RS256 signing key comes from ({@code canopy.identity.*}).
 *
 * @param signingKeyFile        a PKCS#8 PEM file ({@code CANOPY_SIGNING_KEY_FILE}; the local runtime writes one)
 * @param signingKeySecretId    a Secrets Manager secret holding that PEM ({@code CANOPY_SIGNING_KEY_SECRET_ID}),
 *                              read through the Parameters and Secrets Lambda Extension
 * @param secretsExtensionUrl   the extension's local endpoint (port from {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT})
 * @param secretsExtensionToken the Lambda's {@code AWS_SESSION_TOKEN}, which the extension requires
 */
@ConfigurationProperties("canopy.identity")
public record SigningKeyProperties(
        @Nullable String signingKeyFile,
        @Nullable String signingKeySecretId,
        @Bindable(defaultValue = "http://localhost:2773") String secretsExtensionUrl,
        @Nullable String secretsExtensionToken) {

    @Override
    public String toString() {
        return "SigningKeyProperties[signingKeyFile=" + signingKeyFile + ", signingKeySecretId=" + signingKeySecretId + "]";
    }
}
