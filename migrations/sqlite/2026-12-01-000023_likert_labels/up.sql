-- Likert answers are stored as the label of the point chosen, not its number,
-- now that a scale has 2 to 11 labelled points; results count by label.
UPDATE survey_answer_choices SET choice = (
    SELECT options.label
    FROM survey_responses responses
    JOIN survey_question_options options
      ON options.survey_id = responses.survey_id
     AND options.question_key = survey_answer_choices.question_key
    WHERE responses.id = survey_answer_choices.response_id
      AND options.position = CAST(survey_answer_choices.choice AS INTEGER) - 1
)
WHERE EXISTS (
    SELECT 1
    FROM survey_responses responses
    JOIN survey_questions questions ON questions.survey_id = responses.survey_id
    WHERE responses.id = survey_answer_choices.response_id
      AND questions.question_key = survey_answer_choices.question_key
      AND questions.kind = 'likert'
);
