package io.canopy.identity.persistence;

import io.canopy.identity.domain.SignInFailureRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** {@link SignInFailureRepository} on PostgreSQL ({@code identity.sign_in_failures}). */
@Singleton
class JdbcSignInFailureRepository implements SignInFailureRepository {

    private final SignInFailureRows rows;

    JdbcSignInFailureRepository(SignInFailureRows rows) {
        this.rows = rows;
    }

    @Override
    public List<Instant> failuresSince(String emailKey, Instant since) {
        return rows.findByEmailKeyAndFailedAtGreaterThanOrderByFailedAtDesc(emailKey, since).stream()
                .map(SignInFailureRow::failedAt).toList();
    }

    @Override
    public void record(String emailKey, Instant failedAt, Instant forgetBefore) {
        // Every key's old failures, not only this one's: an address tried once and never again must not stay
        // forever, and the throttle only ever looks inside the window.
        rows.deleteByFailedAtLessThan(forgetBefore);
        rows.save(new SignInFailureRow(null, emailKey, failedAt));
    }

    @Override
    public void clear(String emailKey) {
        rows.deleteByEmailKey(emailKey);
    }
}
