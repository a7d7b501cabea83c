package io.canopy.payments.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated provider's decline rule, as configured by {@code canopy.payments.decline-email-pattern}. */
class DeclineRuleTest {

    static final String DEFAULT = ".*\\+decline@.*";

    @Test
    void declines_matchesTheWholeEmail_withTheDefaultPattern() {
        // GIVEN the default pattern
        DeclineRule rule = new DeclineRule(DEFAULT);

        // WHEN / THEN plus-decline addresses are declined, others and a token without email are not
        assertTrue(rule.declines("bob+decline@example.com"));
        assertFalse(rule.declines("bob@example.com"));
        assertFalse(rule.declines("bob+declined@example.com"));
        assertFalse(rule.declines("decline@example.com"));
        assertFalse(rule.declines(null));
    }

    @Test
    void declines_nobody_whenThePatternIsEmpty() {
        // GIVEN an empty pattern (CANOPY_PAYMENTS_DECLINE_EMAIL_PATTERN set to "")
        DeclineRule rule = new DeclineRule("");

        // WHEN / THEN nobody is declined
        assertFalse(rule.declines("bob+decline@example.com"));
    }

    @Test
    void constructor_refusesAPatternThatIsNotARegex() {
        // GIVEN / WHEN an invalid pattern / THEN the function cannot start, and the message names the property
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new DeclineRule("(unclosed"));
        assertTrue(refused.getMessage().startsWith(DeclineRule.PROPERTY), refused.getMessage());
    }
}
