-- A producer's profile: one row per user, its multi-valued fields in the
-- join tables below. `has_employment` tells an absent `employment` object
-- apart from one whose flags are all false.
CREATE TABLE profiles (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    headline TEXT NOT NULL,
    bio TEXT NOT NULL,
    birth_date DATE,
    province TEXT,
    residency_status TEXT,
    has_employment BOOLEAN NOT NULL,
    paid_work BOOLEAN NOT NULL,
    in_field BOOLEAN NOT NULL,
    full_time BOOLEAN NOT NULL,
    contract_ends_on DATE,
    has_job_prospects BOOLEAN NOT NULL,
    student BOOLEAN NOT NULL,
    producing_credits INTEGER NOT NULL CHECK (producing_credits >= 0),
    public BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX profiles_public_idx ON profiles (public);

CREATE TABLE profile_audiences (
    user_id TEXT NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    PRIMARY KEY (user_id, audience)
);

CREATE TABLE profile_interests (
    user_id TEXT NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
);
CREATE INDEX profile_interests_topic_idx ON profile_interests (topic);

CREATE TABLE profile_genres (
    user_id TEXT NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    genre TEXT NOT NULL,
    PRIMARY KEY (user_id, genre)
);

-- Member production companies: the mentors of joint applications.
CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    province TEXT NOT NULL,
    membership_expires_on DATE NOT NULL,
    website TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX companies_name_idx ON companies (name, id);
CREATE INDEX companies_membership_idx ON companies (membership_expires_on);

CREATE TABLE company_genres (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    genre TEXT NOT NULL,
    PRIMARY KEY (company_id, genre)
);

-- Users who act for a company (role `member`).
CREATE TABLE company_representatives (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (company_id, user_id)
);
CREATE INDEX company_representatives_user_idx ON company_representatives (user_id);

-- A mentorship program's cycles. The list-valued rules live in
-- `cycle_rule_values`; the notification dates are derived from `closes_at`
-- when the cycle is written and kept so that late cycles are one query.
-- `lock_version` exists to be write-touched: a selection updates it first,
-- which serializes competing selections (see the API's decision handler).
CREATE TABLE cycles (
    id TEXT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs (id),
    name TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    placement_starts_on DATE NOT NULL,
    placement_ends_on DATE NOT NULL,
    max_placements INTEGER NOT NULL CHECK (max_placements >= 1),
    stipend_cents BIGINT NOT NULL CHECK (stipend_cents >= 0),
    grant_cents BIGINT NOT NULL CHECK (grant_cents >= 0),
    min_mentor_contribution_cents BIGINT NOT NULL CHECK (min_mentor_contribution_cents >= 0),
    min_age INTEGER,
    max_age INTEGER,
    student_required BOOLEAN NOT NULL,
    notify_selected_from DATE NOT NULL,
    notify_selected_by DATE NOT NULL,
    notify_unsuccessful_by DATE NOT NULL,
    lock_version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cycles_program_idx ON cycles (program_id);
CREATE INDEX cycles_closes_at_idx ON cycles (closes_at);

CREATE TABLE cycle_rule_values (
    cycle_id TEXT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    rule TEXT NOT NULL CHECK (rule IN ('residency', 'employment_status', 'province', 'audience', 'career_stage')),
    value TEXT NOT NULL,
    PRIMARY KEY (cycle_id, rule, value)
);

-- One row per person who has applied: the guard a selection write-touches
-- after the cycle's, so that two selections of the same mentee in different
-- cycles cannot both pass the one-program and one-grant rules.
CREATE TABLE mentee_guards (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lock_version BIGINT NOT NULL
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    cycle_id TEXT NOT NULL REFERENCES cycles (id),
    mentee_id TEXT NOT NULL REFERENCES users (id),
    company_id TEXT NOT NULL REFERENCES companies (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'selected', 'waitlisted', 'declined', 'withdrawn')),
    placement_starts_on DATE NOT NULL,
    placement_ends_on DATE NOT NULL,
    engagement TEXT NOT NULL CHECK (engagement IN ('contract', 'employee')),
    deductions_at_source BOOLEAN NOT NULL,
    hours_per_week INTEGER NOT NULL,
    statement TEXT NOT NULL,
    mentor_name TEXT,
    contribution_cents BIGINT,
    acknowledges_tax_slip BOOLEAN NOT NULL,
    endorsed_at TIMESTAMP,
    endorsed_by TEXT REFERENCES users (id),
    submitted_at TIMESTAMP,
    decided_at TIMESTAMP,
    decision_note TEXT,
    released_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_cycle_status_idx ON applications (cycle_id, status);
CREATE INDEX applications_mentee_status_idx ON applications (mentee_id, status);
CREATE INDEX applications_company_idx ON applications (company_id);

-- Every status change, with who made it and why.
CREATE TABLE application_events (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users (id),
    actor_role TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX application_events_application_idx ON application_events (application_id, id);
