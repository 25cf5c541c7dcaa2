//! When a message that could not be delivered is tried again: the rule the
//! delivery worker follows (docs/notifications.md, "Retries").

use std::time::Duration;

/// How delivery attempts are spaced. A temporary failure waits
/// `first_delay · 2^(attempt-1)`, capped at `longest_delay`, then shortened
/// by up to half at random (jitter) so that messages which failed together
/// (a relay that was down) do not all come back at the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub first_delay: Duration,
    pub longest_delay: Duration,
    /// After this many failed attempts a message is given up (`dead`).
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// About a day and a half of tries: 1, 2, 4, … minutes, then every 4 hours.
    fn default() -> Self {
        RetryPolicy {
            first_delay: Duration::from_secs(60),
            longest_delay: Duration::from_secs(4 * 60 * 60),
            max_attempts: 16,
        }
    }
}

/// What becomes of a message after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryIn(Duration),
    GiveUp,
}

impl RetryPolicy {
    /// `attempt` counts from 1 (the attempt that just failed); `jitter` is a
    /// random number in `[0, 1)` (values outside are clamped).
    pub fn after_failure(&self, attempt: u32, permanent: bool, jitter: f64) -> AfterFailure {
        if permanent || attempt >= self.max_attempts {
            return AfterFailure::GiveUp;
        }
        let doublings = attempt.saturating_sub(1).min(31);
        let full = self
            .first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.longest_delay);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        AfterFailure::RetryIn(full.mul_f64(1.0 - jitter / 2.0))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn delays_double_from_the_first_up_to_the_longest() {
        let policy = RetryPolicy::default();
        let delay = |attempt| match policy.after_failure(attempt, false, 0.0) {
            AfterFailure::RetryIn(delay) => delay.as_secs(),
            AfterFailure::GiveUp => 0,
        };
        assert_eq!(
            [1, 2, 3, 4].map(delay),
            [60, 120, 240, 480],
            "one minute, then doubling"
        );
        assert_eq!(delay(15), 4 * 60 * 60);
    }

    #[test]
    fn a_permanent_failure_or_the_last_attempt_gives_up() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.after_failure(1, true, 0.3), AfterFailure::GiveUp);
        assert_eq!(
            policy.after_failure(policy.max_attempts, false, 0.3),
            AfterFailure::GiveUp
        );
        assert!(matches!(
            policy.after_failure(policy.max_attempts - 1, false, 0.3),
            AfterFailure::RetryIn(_)
        ));
    }

    proptest! {
        #[test]
        fn jitter_shortens_by_at_most_half_and_never_lengthens(
            attempt in 1u32..16, jitter in any::<f64>()
        ) {
            let policy = RetryPolicy::default();
            let AfterFailure::RetryIn(plain) = policy.after_failure(attempt, false, 0.0) else {
                return Err(TestCaseError::fail("a temporary failure before the last attempt is retried"));
            };
            let AfterFailure::RetryIn(jittered) = policy.after_failure(attempt, false, jitter) else {
                return Err(TestCaseError::fail("jitter does not change whether it is retried"));
            };
            prop_assert!(jittered <= plain);
            prop_assert!(jittered >= plain / 2);
            prop_assert!(plain <= policy.longest_delay);
        }

        #[test]
        fn later_attempts_never_wait_less(attempt in 1u32..15, jitter in 0.0f64..1.0) {
            let policy = RetryPolicy::default();
            let wait = |n| match policy.after_failure(n, false, jitter) {
                AfterFailure::RetryIn(delay) => delay,
                AfterFailure::GiveUp => Duration::MAX,
            };
            prop_assert!(wait(attempt + 1) >= wait(attempt));
        }
    }
}
