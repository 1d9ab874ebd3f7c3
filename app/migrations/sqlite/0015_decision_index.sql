-- The statistics read the moderation decisions on needs recorded since a time. With only
-- (entity_type, entity_id, created_at) to go by, that walked every audit row of every need;
-- this index goes straight to the decisions of the last seconds.
create index audit_log_decision_idx on audit_log (entity_type, action, created_at);
