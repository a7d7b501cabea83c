package io.canopy.certificates.api;

import io.canopy.certificates.api.CertificateBodies.ActiveInput;
import io.canopy.certificates.api.CertificateBodies.CertificateBody;
import io.canopy.certificates.api.CertificateBodies.CertificateInput;
import io.canopy.certificates.api.CertificateBodies.CertificatePage;
import io.canopy.certificates.api.CertificateBodies.PrivateKeyBody;
import io.canopy.certificates.domain.Certificate;
import io.canopy.certificates.domain.CertificateService;
import io.canopy.shared.http.ETags;
import io.canopy.shared.http.Uuids;
import io.canopy.shared.paging.Page;
import io.canopy.shared.paging.PageRequest;
import io.canopy.shared.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/**
 * A user's certificates. {@code {user_id}} is the caller's id or {@code me} (any id for an admin); anyone else's is
 * 404. The private key goes in on create and comes out only from {@code /private-key}.
 */
@Controller("/users/{userId}/certificates")
@Tag(name = "certificates")
@SecurityRequirement(name = "bearerAuth")
public class CertificatesController {

    private final CertificateService certificates;

    public CertificatesController(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Post
    @Operation(operationId = "createCertificate", summary = "Store a certificate; its private key is encrypted at rest")
    @ApiResponse(responseCode = "201", description = "Stored, with Location and ETag (the response never carries the private key)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CertificateBody.class)))
    @ApiResponse(responseCode = "404", description = "user_id is not the caller")
    @ApiResponse(responseCode = "422", description = "Missing, extra or wrong-typed fields; invalid base64; key over 64 KiB; body over 65536 characters")
    public HttpResponse<CertificateBody> create(Caller caller, @PathVariable String userId, @Body CertificateInput body) {
        UUID owner = certificates.owner(caller, userId);
        Certificate certificate = certificates.create(owner, body.privateKey(), body.body(), body.active());
        return HttpResponse.created(CertificateBody.of(certificate), URI.create("/users/" + owner + "/certificates/" + certificate.id()))
                .header(HttpHeaders.ETAG, ETags.of(certificate.version()));
    }

    @Get
    @Operation(operationId = "listCertificates", summary = "The user's certificates, newest first; active=true|false filters")
    @ApiResponse(responseCode = "200", description = "A page of certificates")
    @ApiResponse(responseCode = "404", description = "user_id is not the caller")
    @ApiResponse(responseCode = "422", description = "active is not true or false; invalid limit or cursor")
    public CertificatePage list(Caller caller, @PathVariable String userId, @Nullable @QueryValue String active,
                                @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Certificate> page = certificates.list(certificates.owner(caller, userId), active, PageRequest.of(limit, cursor));
        return new CertificatePage(page.items().stream().map(CertificateBody::of).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(operationId = "getCertificate", summary = "One certificate (without its private key)")
    @ApiResponse(responseCode = "200", description = "The certificate, with its ETag")
    @ApiResponse(responseCode = "404", description = "No such certificate of this user")
    public HttpResponse<CertificateBody> get(Caller caller, @PathVariable String userId, @PathVariable String id) {
        Certificate certificate = certificates.get(certificates.owner(caller, userId), certificateId(id));
        return HttpResponse.ok(CertificateBody.of(certificate)).header(HttpHeaders.ETAG, ETags.of(certificate.version()));
    }

    @Patch("/{id}/active")
    @Operation(operationId = "setCertificateActive", summary = "Activate or deactivate (setting the current state is fine)")
    @ApiResponse(responseCode = "200", description = "The certificate, with its ETag")
    @ApiResponse(responseCode = "404", description = "No such certificate of this user")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    @ApiResponse(responseCode = "422", description = "active missing or not a boolean; another field")
    public HttpResponse<CertificateBody> setActive(Caller caller, @PathVariable String userId, @PathVariable String id, @Body ActiveInput body,
                                                   @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID owner = certificates.owner(caller, userId);
        Certificate certificate = certificates.setActive(owner, certificateId(id), body.active(), ifMatch);
        return HttpResponse.ok(CertificateBody.of(certificate)).header(HttpHeaders.ETAG, ETags.of(certificate.version()));
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteCertificate", summary = "Delete a certificate and its private key")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such certificate of this user")
    @ApiResponse(responseCode = "412", description = "If-Match does not match")
    public HttpResponse<Void> delete(Caller caller, @PathVariable String userId, @PathVariable String id,
                                     @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        certificates.delete(certificates.owner(caller, userId), certificateId(id), ifMatch);
        return HttpResponse.noContent();
    }

    @Get("/{id}/private-key")
    @Operation(operationId = "getCertificatePrivateKey", summary = "The private key, base64 — the only answer that carries it")
    @ApiResponse(responseCode = "200", description = "The private key (Cache-Control: no-store)")
    @ApiResponse(responseCode = "404", description = "No such certificate of this user")
    @ApiResponse(responseCode = "500", description = "The stored key cannot be decrypted: the row failed its integrity check or its master key is gone")
    @ApiResponse(responseCode = "503", description = "The key service (KMS) or the database is unavailable; retry later")
    public HttpResponse<PrivateKeyBody> privateKey(Caller caller, @PathVariable String userId, @PathVariable String id) {
        String key = certificates.privateKey(certificates.owner(caller, userId), certificateId(id));
        return HttpResponse.ok(new PrivateKeyBody(key)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static UUID certificateId(String id) {
        return Uuids.pathId(id, "No such certificate.");
    }
}
