DROP TABLE event_registrations;
DROP TABLE events;
DROP TABLE module_audiences;
DROP TABLE modules;
