-- cdcc ddl --dialect mysql: pipeline sales_pg_to_mysql, from postgres_s3_mysql.cdc (sha256 eb7f5476930d)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target retail (mysql) ====
CREATE DATABASE IF NOT EXISTS `cdcc` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`cdcc_checkpoints` (
  `pipeline`     VARCHAR(255) NOT NULL,
  `source`       VARCHAR(255) NOT NULL,
  `position`     VARCHAR(512) NOT NULL,
  `batch_id`     BIGINT NOT NULL,
  `committed_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`pipeline`, `source`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`sales_quarantine` (
  `id`             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `pipeline`       VARCHAR(255) NOT NULL,
  `table_name`     VARCHAR(1024) NOT NULL,
  `rule`           TEXT NOT NULL,
  `reason`         TEXT NOT NULL,
  `line`           INT,
  `op`             VARCHAR(16) NOT NULL,
  `position`       VARCHAR(512),
  `commit_time`    DATETIME(6),
  `row`            JSON NOT NULL,
  `quarantined_at` DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- sales.public.stores -> retail.retail.stores (merge)
CREATE DATABASE IF NOT EXISTS `retail` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `retail`.`stores` (
  `store_id` INT NOT NULL,
  `store_name` LONGTEXT,
  `city` VARCHAR(64),
  `region` LONGTEXT,
  `opened_on` DATE,
  PRIMARY KEY (`store_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(5),
  `store_id` INT,
  `store_name` LONGTEXT,
  `city` VARCHAR(64),
  `region` LONGTEXT,
  `opened_on` DATE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `store_id`, `store_name`, `city`, `region`, `opened_on`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`store_id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`store_name`) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `store_name`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`city`) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `city`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`region`) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `region`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`opened_on`) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `opened_on`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`store_id`, CASE WHEN s.`store_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `retail`.`stores` FROM `retail`.`stores` JOIN `cdcc`.`cdcc_batch` ON `retail`.`stores`.`store_id` = `cdcc`.`cdcc_batch`.`store_id` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `retail`.`stores` (`store_id`, `store_name`, `city`, `region`, `opened_on`)
SELECT * FROM (
  SELECT b.`store_id` AS `store_id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`store_name` ELSE b.`store_name` END AS `store_name`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`city` ELSE b.`city` END AS `city`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`region` ELSE b.`region` END AS `region`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`opened_on` ELSE b.`opened_on` END AS `opened_on`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `retail`.`stores` AS t ON t.`store_id` = b.`store_id`
) AS n
ON DUPLICATE KEY UPDATE
  `store_name` = n.`store_name`,
  `city` = n.`city`,
  `region` = n.`region`,
  `opened_on` = n.`opened_on`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- sales.public.sales -> retail.retail.sales (merge)
CREATE DATABASE IF NOT EXISTS `retail` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `retail`.`sales` (
  `sale_id` BIGINT NOT NULL,
  `store_id` INT NOT NULL,
  `product` LONGTEXT,
  `category` LONGTEXT,
  `quantity` INT NOT NULL,
  `unit_price` DECIMAL(10,2) NOT NULL,
  `discount_pct` DECIMAL(12,2),
  `sold_at` DATETIME(6) NOT NULL,
  `payment_type` LONGTEXT,
  `gross_amount` DECIMAL(20,2),
  `net_amount` DECIMAL(32,2),
  `sale_date` DATE,
  `customer_key` LONGTEXT,
  `_synced_at` DATETIME(6),
  PRIMARY KEY (`sale_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(14),
  `sale_id` BIGINT,
  `store_id` INT,
  `product` LONGTEXT,
  `category` LONGTEXT,
  `quantity` INT,
  `unit_price` DECIMAL(10,2),
  `discount_pct` DECIMAL(12,2),
  `sold_at` DATETIME(6),
  `payment_type` LONGTEXT,
  `gross_amount` DECIMAL(20,2),
  `net_amount` DECIMAL(32,2),
  `sale_date` DATE,
  `customer_key` LONGTEXT,
  `_synced_at` DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `sale_id`, `store_id`, `product`, `category`, `quantity`, `unit_price`, `discount_pct`, `sold_at`, `payment_type`, `gross_amount`, `net_amount`, `sale_date`, `customer_key`, `_synced_at`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`sale_id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`store_id`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `store_id`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`product`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `product`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`category`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `category`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`quantity`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `quantity`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`,
    FIRST_VALUE(s.`unit_price`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `unit_price`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u6`,
    FIRST_VALUE(s.`discount_pct`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `discount_pct`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u7`,
    FIRST_VALUE(s.`sold_at`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 8, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `sold_at`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u8`,
    FIRST_VALUE(s.`payment_type`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 9, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `payment_type`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u9`,
    FIRST_VALUE(s.`gross_amount`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 10, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `gross_amount`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u10`,
    FIRST_VALUE(s.`net_amount`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 11, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `net_amount`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 11, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u11`,
    FIRST_VALUE(s.`sale_date`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 12, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `sale_date`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 12, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u12`,
    FIRST_VALUE(s.`customer_key`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 13, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `customer_key`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 13, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u13`,
    FIRST_VALUE(s.`_synced_at`) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 14, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `_synced_at`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 14, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`sale_id`, CASE WHEN s.`sale_id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u14`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `retail`.`sales` FROM `retail`.`sales` JOIN `cdcc`.`cdcc_batch` ON `retail`.`sales`.`sale_id` = `cdcc`.`cdcc_batch`.`sale_id` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `retail`.`sales` (`sale_id`, `store_id`, `product`, `category`, `quantity`, `unit_price`, `discount_pct`, `sold_at`, `payment_type`, `gross_amount`, `net_amount`, `sale_date`, `customer_key`, `_synced_at`)
SELECT * FROM (
  SELECT b.`sale_id` AS `sale_id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`store_id` ELSE b.`store_id` END AS `store_id`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`product` ELSE b.`product` END AS `product`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`category` ELSE b.`category` END AS `category`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`quantity` ELSE b.`quantity` END AS `quantity`,
    CASE WHEN b.`_cdc_u6` = 1 THEN t.`unit_price` ELSE b.`unit_price` END AS `unit_price`,
    CASE WHEN b.`_cdc_u7` = 1 THEN t.`discount_pct` ELSE b.`discount_pct` END AS `discount_pct`,
    CASE WHEN b.`_cdc_u8` = 1 THEN t.`sold_at` ELSE b.`sold_at` END AS `sold_at`,
    CASE WHEN b.`_cdc_u9` = 1 THEN t.`payment_type` ELSE b.`payment_type` END AS `payment_type`,
    CASE WHEN b.`_cdc_u10` = 1 THEN t.`gross_amount` ELSE b.`gross_amount` END AS `gross_amount`,
    CASE WHEN b.`_cdc_u11` = 1 THEN t.`net_amount` ELSE b.`net_amount` END AS `net_amount`,
    CASE WHEN b.`_cdc_u12` = 1 THEN t.`sale_date` ELSE b.`sale_date` END AS `sale_date`,
    CASE WHEN b.`_cdc_u13` = 1 THEN t.`customer_key` ELSE b.`customer_key` END AS `customer_key`,
    CASE WHEN b.`_cdc_u14` = 1 THEN t.`_synced_at` ELSE b.`_synced_at` END AS `_synced_at`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `retail`.`sales` AS t ON t.`sale_id` = b.`sale_id`
) AS n
ON DUPLICATE KEY UPDATE
  `store_id` = n.`store_id`,
  `product` = n.`product`,
  `category` = n.`category`,
  `quantity` = n.`quantity`,
  `unit_price` = n.`unit_price`,
  `discount_pct` = n.`discount_pct`,
  `sold_at` = n.`sold_at`,
  `payment_type` = n.`payment_type`,
  `gross_amount` = n.`gross_amount`,
  `net_amount` = n.`net_amount`,
  `sale_date` = n.`sale_date`,
  `customer_key` = n.`customer_key`,
  `_synced_at` = n.`_synced_at`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change (parameters ? in order)
INSERT INTO `cdcc`.`sales_quarantine` (`pipeline`, `table_name`, `rule`, `reason`, `line`, `op`, `position`, `commit_time`, `row`, `quarantined_at`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6));
-- the checkpoint (pipeline, source, position, batch)
INSERT INTO `cdcc`.`cdcc_checkpoints` (`pipeline`, `source`, `position`, `batch_id`, `committed_at`)
  VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))
  ON DUPLICATE KEY UPDATE `position` = VALUES(`position`), `batch_id` = VALUES(`batch_id`),
    `committed_at` = VALUES(`committed_at`);
exit: 0
