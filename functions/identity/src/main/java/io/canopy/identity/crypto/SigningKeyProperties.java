package io.canopy.identity.crypto;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the RS256 signing key comes from ({@code canopy.identity.*}).
 *
 * @param signingKeyFile         a PKCS#8 PEM file ({@code CANOPY_SIGNING_KEY_FILE}; the local runtime writes one)
 * @param signingKeySecretId     a Secrets Manager secret holding that PEM ({@code CANOPY_SIGNING_KEY_SECRET_ID})
 * @param secretsManagerEndpoint blank for AWS's own; an emulator's URL otherwise ({@code canopy.secrets-manager.endpoint})
 */
@ConfigurationProperties("canopy.identity")
public record SigningKeyProperties(
        @Nullable String signingKeyFile,
        @Nullable String signingKeySecretId,
        @Nullable String secretsManagerEndpoint) {

    @Override
    public String toString() {
        return "SigningKeyProperties[signingKeyFile=" + signingKeyFile + ", signingKeySecretId=" + signingKeySecretId + "]";
    }
}
