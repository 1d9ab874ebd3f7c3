-- Full-text search of needs (FTS5, external content: the text lives in `need` only).
-- unicode61 folds case and, with remove_diacritics, accents; good for Indonesian and English.
create virtual table need_fts using fts5(
    title, description,
    content = 'need', content_rowid = 'need_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

insert into need_fts (rowid, title, description) select need_id, title, description from need;

create trigger need_fts_insert after insert on need
begin
    insert into need_fts (rowid, title, description) values (new.need_id, new.title, new.description);
end;

create trigger need_fts_delete after delete on need
begin
    insert into need_fts (need_fts, rowid, title, description) values ('delete', old.need_id, old.title, old.description);
end;

create trigger need_fts_update after update of title, description on need
begin
    insert into need_fts (need_fts, rowid, title, description) values ('delete', old.need_id, old.title, old.description);
    insert into need_fts (rowid, title, description) values (new.need_id, new.title, new.description);
end;
