CREATE TABLE register (id integer PRIMARY KEY, name text NOT NULL);
