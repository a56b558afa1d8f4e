ALTER TABLE register ADD COLUMN oversight text NOT NULL DEFAULT 'None';
