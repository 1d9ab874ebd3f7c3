-- Full-text search of offers, as for needs (FTS5 external content on `offer`).
create virtual table offer_fts using fts5(
    title, description,
    content = 'offer', content_rowid = 'offer_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

insert into offer_fts (rowid, title, description) select offer_id, title, description from offer;

create trigger offer_fts_insert after insert on offer
begin
    insert into offer_fts (rowid, title, description) values (new.offer_id, new.title, new.description);
end;

create trigger offer_fts_delete after delete on offer
begin
    insert into offer_fts (offer_fts, rowid, title, description) values ('delete', old.offer_id, old.title, old.description);
end;

create trigger offer_fts_update after update of title, description on offer
begin
    insert into offer_fts (offer_fts, rowid, title, description) values ('delete', old.offer_id, old.title, old.description);
    insert into offer_fts (rowid, title, description) values (new.offer_id, new.title, new.description);
end;
