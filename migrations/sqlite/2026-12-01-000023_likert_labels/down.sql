UPDATE survey_answer_choices SET choice = (
    SELECT CAST(options.position + 1 AS TEXT)
    FROM survey_responses responses
    JOIN survey_question_options options
      ON options.survey_id = responses.survey_id
     AND options.question_key = survey_answer_choices.question_key
    WHERE responses.id = survey_answer_choices.response_id
      AND options.label = survey_answer_choices.choice
)
WHERE EXISTS (
    SELECT 1
    FROM survey_responses responses
    JOIN survey_questions questions ON questions.survey_id = responses.survey_id
    WHERE responses.id = survey_answer_choices.response_id
      AND questions.question_key = survey_answer_choices.question_key
      AND questions.kind = 'likert'
);
