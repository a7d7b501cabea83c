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
        rows.deleteByEmailKeyAndFailedAtLessThan(emailKey, forgetBefore);
        rows.save(new SignInFailureRow(null, emailKey, failedAt));
    }

    @Override
    public void clear(String emailKey) {
        rows.deleteByEmailKey(emailKey);
    }
}
