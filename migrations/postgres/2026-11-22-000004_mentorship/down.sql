DROP TABLE company_representatives;
DROP TABLE company_genres;
DROP TABLE companies;
DROP TABLE profile_genres;
DROP TABLE profile_interests;
DROP TABLE profile_audiences;
DROP TABLE profiles;
