-- The catalogue: providers, their programs with faceted tags, and the
-- notification list. Facets are join tables indexed by value so that filters
-- are index lookups on both backends.
CREATE TABLE providers (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('association', 'public_funder', 'broadcaster', 'school', 'festival', 'nonprofit', 'company')),
    website TEXT,
    province TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX providers_name_key ON providers (name);

-- `search_title`, `search_summary` and `search_text` (title, summary,
-- description and provider name) are folded in Rust: lower-case ASCII words
-- separated by single spaces, with a leading space so that `LIKE '% word%'`
-- finds a word prefix. `sort_title` orders titles byte-wise on both backends.
CREATE TABLE programs (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    provider_id TEXT NOT NULL REFERENCES providers (id) ON DELETE RESTRICT,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('in_person', 'virtual', 'hybrid')),
    cost_cents BIGINT NOT NULL CHECK (cost_cents >= 0),
    stipend_cents BIGINT CHECK (stipend_cents >= 0),
    application_deadline DATE,
    starts_on DATE,
    ends_on DATE,
    url TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'published')),
    submitted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sort_title TEXT COLLATE "C" NOT NULL,
    search_title TEXT NOT NULL,
    search_summary TEXT NOT NULL,
    search_text TEXT NOT NULL,
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE UNIQUE INDEX programs_slug_key ON programs (slug);
CREATE INDEX programs_provider_id_idx ON programs (provider_id);
CREATE INDEX programs_submitted_by_idx ON programs (submitted_by);
CREATE INDEX programs_status_deadline_idx ON programs (status, application_deadline, id);
CREATE INDEX programs_status_title_idx ON programs (status, sort_title, id);
CREATE INDEX programs_status_updated_idx ON programs (status, updated_at, id);
CREATE INDEX programs_status_published_idx ON programs (status, published_at, id);

CREATE TABLE program_formats (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_formats_value_idx ON program_formats (value, program_id);

CREATE TABLE program_topics (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_topics_value_idx ON program_topics (value, program_id);

CREATE TABLE program_career_stages (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_career_stages_value_idx ON program_career_stages (value, program_id);

CREATE TABLE program_regions (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_regions_value_idx ON program_regions (value, program_id);

CREATE TABLE program_audiences (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_audiences_value_idx ON program_audiences (value, program_id);

CREATE TABLE program_languages (
    program_id TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (program_id, value)
);
CREATE INDEX program_languages_value_idx ON program_languages (value, program_id);

-- Full text on PostgreSQL: a GIN index over the tsvector of the folded
-- `search_text` ('simple' configuration: no stemming, the same words FTS5
-- sees on SQLite).
CREATE INDEX programs_search_text_idx ON programs USING GIN (to_tsvector('simple', search_text));

-- The notification list (double opt-in). A subscription is `pending` until
-- its address confirms, then `confirmed`, then possibly `unsubscribed`.
CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    confirmed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX subscriptions_email_key ON subscriptions (email);

-- Topics an address receives (`confirmed`) and topics it asked for that wait
-- for confirmation (`requested`), so a stranger cannot change someone's topics.
CREATE TABLE subscription_topics (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    topic TEXT NOT NULL CHECK (topic IN ('new_programs', 'events', 'deadlines')),
    state TEXT NOT NULL CHECK (state IN ('requested', 'confirmed')),
    PRIMARY KEY (subscription_id, topic, state)
);
CREATE INDEX subscription_topics_topic_idx ON subscription_topics (topic, state, subscription_id);

-- Only the SHA-256 of each token is kept. Confirmation tokens are single-use;
-- every message to a subscriber carries its own unsubscribe token.
CREATE TABLE subscription_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX subscription_tokens_subscription_id_idx ON subscription_tokens (subscription_id);
