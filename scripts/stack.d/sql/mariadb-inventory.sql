-- Sample `inventory` database for the MariaDB side of the stack. It covers the column
-- kinds whose Debezium encodings differ: JSON (MariaDB: LONGTEXT + CHECK), DECIMAL,
-- TIMESTAMP vs DATETIME, DATE, ENUM, nullable columns, and a `password` column that a
-- dashboard should be able to mask. No foreign keys: the load generator re-keys rows.
CREATE DATABASE IF NOT EXISTS inventory CHARACTER SET utf8mb4;
USE inventory;

CREATE TABLE customers (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(64) NOT NULL,
  last_name VARCHAR(64) NOT NULL,
  email VARCHAR(255) NOT NULL,
  password VARCHAR(128) NOT NULL,
  phone VARCHAR(32) NULL,
  loyalty_points INT NULL,
  birth_date DATE NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NULL,
  UNIQUE KEY uk_customers_email (email)
);

CREATE TABLE products (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku VARCHAR(32) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NULL,
  price DECIMAL(10,2) NOT NULL,
  weight_kg DECIMAL(8,3) NULL,
  attributes JSON NULL,
  stock INT NOT NULL DEFAULT 0,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NULL,
  UNIQUE KEY uk_products_sku (sku)
);

CREATE TABLE orders (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  product_id INT NOT NULL,
  quantity INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL,
  total DECIMAL(12,2) NOT NULL,
  status ENUM('new','paid','shipped','delivered','cancelled') NOT NULL DEFAULT 'new',
  note VARCHAR(255) NULL,
  order_date DATE NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  shipped_at DATETIME NULL,
  KEY ix_orders_customer (customer_id)
);

-- Seed rows from the built-in SEQUENCE engine, so the snapshot has something to read.
INSERT INTO customers (first_name, last_name, email, password, phone, loyalty_points, birth_date)
SELECT ELT(1 + seq % 8, 'Ada','Linus','Grace','Edsger','Barbara','Ken','Margaret','Dennis'),
       ELT(1 + seq % 7, 'Lovelace','Torvalds','Hopper','Dijkstra','Liskov','Thompson','Hamilton'),
       CONCAT('seed', seq, '@example.com'), SHA2(CONCAT('pw', seq), 256),
       IF(seq % 3 = 0, NULL, CONCAT('+1-555-01', LPAD(seq, 2, '0'))),
       IF(seq % 4 = 0, NULL, seq * 10), IF(seq % 5 = 0, NULL, DATE('1970-01-01') + INTERVAL seq * 300 DAY)
FROM seq_1_to_20;

INSERT INTO products (sku, name, description, price, weight_kg, attributes, stock)
SELECT CONCAT('SKU-', LPAD(seq, 5, '0')),
       CONCAT(ELT(1 + seq % 5, 'Ergonomic','Rustic','Sleek','Heavy-duty','Compact'), ' ',
              ELT(1 + seq % 6, 'Chair','Lamp','Keyboard','Kettle','Backpack','Monitor')),
       IF(seq % 4 = 0, NULL, 'Seeded sample product'),
       ROUND(5 + seq * 3.37, 2), IF(seq % 3 = 0, NULL, ROUND(seq * 0.173, 3)),
       JSON_OBJECT('color', ELT(1 + seq % 4, 'red','black','white','green'), 'tags', JSON_ARRAY('seed', seq % 2 = 0)),
       seq * 7
FROM seq_1_to_15;

INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, status, note, order_date, shipped_at)
SELECT 1 + seq % 20, 1 + seq % 15, 1 + seq % 4, p.price, p.price * (1 + seq % 4),
       ELT(1 + seq % 5, 'new','paid','shipped','delivered','cancelled'),
       IF(seq % 3 = 0, 'gift wrap', NULL), CURRENT_DATE - INTERVAL seq DAY,
       IF(seq % 5 IN (2, 3), NOW() - INTERVAL seq HOUR, NULL)
FROM seq_1_to_40 JOIN products p ON p.id = 1 + seq % 15;
