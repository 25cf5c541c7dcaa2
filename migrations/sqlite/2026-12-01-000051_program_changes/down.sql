DROP TABLE program_change_head;
DROP TABLE program_changes;
