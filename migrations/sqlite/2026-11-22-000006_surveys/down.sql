DROP TABLE survey_answer_choices;
DROP TABLE survey_answers;
DROP TABLE survey_responses;
DROP TABLE survey_question_options;
DROP TABLE survey_questions;
DROP TABLE surveys;
