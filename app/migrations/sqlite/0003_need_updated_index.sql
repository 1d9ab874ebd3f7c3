-- The search cache stamps results with the latest change to a need.
create index need_updated_idx on need (updated_at);
