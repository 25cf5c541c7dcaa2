DROP TABLE posting_interests;
DROP TABLE posting_genres;
DROP TABLE postings;
