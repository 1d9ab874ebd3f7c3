-- Full-text search of offers, as for needs ('simple' configuration, title weighs more).
alter table offer add column search tsvector generated always as (
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
) stored;

create index offer_search_idx on offer using gin (search);
