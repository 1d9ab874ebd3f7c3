-- Full-text search of needs. The 'simple' configuration lowercases without stemming:
-- PostgreSQL has no Indonesian dictionary, and stemming English words would miss
-- Indonesian ones. The title weighs more than the description.
alter table need add column search tsvector generated always as (
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
) stored;

create index need_search_idx on need using gin (search);
