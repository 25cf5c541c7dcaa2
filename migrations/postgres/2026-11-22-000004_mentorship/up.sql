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
