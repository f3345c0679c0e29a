-- examples/demo/shop.sql — the demo's application database: a small shop.
-- Loaded into the source cluster by examples/demo/run.sh before cdcc runs.

CREATE TABLE customers (
  id          bigint PRIMARY KEY,
  email       varchar(254) NOT NULL,
  full_name   text,
  country     char(2),
  created_at  timestamptz NOT NULL,
  preferences jsonb
);

CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL,
  status      varchar(16) NOT NULL,
  currency    char(3) NOT NULL,
  total       numeric(12,2) NOT NULL,
  placed_at   timestamptz NOT NULL,
  notes       text
);

CREATE TABLE order_items (
  order_id   bigint NOT NULL,
  line_no    integer NOT NULL,
  sku        varchar(32) NOT NULL,
  quantity   integer NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

INSERT INTO customers VALUES
  (1, 'ann.lee@example.com',   'Ann Lee',     'GB', '2024-03-01 09:00:00+00', '{"newsletter": true}'),
  (2, 'bo.chen@example.com',   'Bo Chen',     'SG', '2024-03-02 10:30:00+00', NULL),
  (3, 'carla.m@example.com',   'Carla Mendes','BR', '2024-03-03 11:45:00+00', '{"language": "pt"}'),
  (4, 'dev@example.com',       'Dev Patel',   'IN', '2024-03-04 08:15:00+00', NULL),
  (5, 'emil at example.com',   'Emil Berg',   'SE', '2024-03-05 16:20:00+00', NULL);  -- not an address: quarantined

INSERT INTO orders VALUES
  (100, 1, 'paid',    'GBP',  42.50, '2024-03-10 12:00:00+00', NULL),
  (101, 2, 'shipped', 'SGD', 120.00, '2024-03-11 13:30:00+00', 'gift wrap'),
  (102, 3, 'new',     'BRL',  75.90, '2024-03-12 09:10:00+00', NULL),
  (103, 0, 'paid',    'EUR',   1.00, '2024-03-12 09:11:00+00', 'QA test order');  -- customer 0: dropped

INSERT INTO order_items VALUES
  (100, 1, 'MUG-1',   3, 12.50),
  (100, 2, 'CARD-9',  1,  5.00),
  (101, 1, 'LAMP-4',  2, 60.00),
  (102, 1, 'BOOK-7',  1, 75.90);
