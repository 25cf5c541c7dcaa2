-- The skills survey. A survey is `closed` until staff open it.
CREATE TABLE surveys (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX surveys_status_idx ON surveys (status, id);

-- `position` keeps the questions (and their options) in the order staff wrote them.
CREATE TABLE survey_questions (
    survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('likert', 'single', 'multi', 'text')),
    prompt TEXT NOT NULL,
    PRIMARY KEY (survey_id, question_key)
);

-- The options of a single or multi question; the five labels of a likert one.
CREATE TABLE survey_question_options (
    survey_id TEXT NOT NULL,
    question_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (survey_id, question_key, position),
    FOREIGN KEY (survey_id, question_key)
        REFERENCES survey_questions (survey_id, question_key) ON DELETE CASCADE
);

-- One response per person per survey: the unique index is what enforces it.
-- `career_stage` is the respondent's stage when they answered (null without
-- a profile), so that results group people as they were, not as they are.
CREATE TABLE survey_responses (
    id TEXT PRIMARY KEY NOT NULL,
    survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    career_stage TEXT,
    submitted_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX survey_responses_survey_user_key ON survey_responses (survey_id, user_id);

-- One row per question answered (text answers keep their text here) ...
CREATE TABLE survey_answers (
    response_id TEXT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    text_answer TEXT,
    PRIMARY KEY (response_id, question_key)
);

-- ... and one row per value chosen (an option, or a likert point "1".."5"),
-- so that results are GROUP BY counts on both backends.
CREATE TABLE survey_answer_choices (
    response_id TEXT NOT NULL,
    question_key TEXT NOT NULL,
    choice TEXT NOT NULL,
    PRIMARY KEY (response_id, question_key, choice),
    FOREIGN KEY (response_id, question_key)
        REFERENCES survey_answers (response_id, question_key) ON DELETE CASCADE
);
