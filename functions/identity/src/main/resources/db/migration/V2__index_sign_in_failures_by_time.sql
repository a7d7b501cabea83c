-- Each failed sign-in now prunes every failure older than the throttle window, whatever its email: the table holds
-- one window of failures at most. This index serves that delete.
CREATE INDEX sign_in_failures_failed_at_idx ON identity.sign_in_failures (failed_at);
