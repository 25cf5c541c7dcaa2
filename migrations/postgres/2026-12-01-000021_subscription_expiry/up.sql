-- When the address was last sent a confirmation message: at most one an hour
-- goes out, and a pending request expires (and is pruned) once its
-- confirmation token has.
ALTER TABLE subscriptions ADD COLUMN confirmation_sent_at TIMESTAMP;
UPDATE subscriptions SET confirmation_sent_at = (
    SELECT max(created_at) FROM subscription_tokens
    WHERE subscription_tokens.subscription_id = subscriptions.id
      AND subscription_tokens.purpose = 'confirm'
);
CREATE INDEX subscriptions_confirmation_sent_at_idx ON subscriptions (confirmation_sent_at);
CREATE INDEX subscription_tokens_created_at_idx ON subscription_tokens (purpose, created_at);
