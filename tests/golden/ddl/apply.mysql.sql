-- cdcc ddl --dialect mysql: pipeline sql_apply, from apply.cdc (sha256 8376a6ab2325)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target my (mysql) ====
CREATE DATABASE IF NOT EXISTS `cdcc_rt` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `cdcc_rt`.`cdcc_checkpoints` (
  `pipeline`     VARCHAR(255) NOT NULL,
  `source`       VARCHAR(255) NOT NULL,
  `position`     VARCHAR(512) NOT NULL,
  `batch_id`     BIGINT NOT NULL,
  `committed_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`pipeline`, `source`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `cdcc_rt`.`cdcc_quarantine` (
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- src.public.accounts -> my.app_data.accounts (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`accounts` (
  `id` BIGINT NOT NULL,
  `name` VARCHAR(100) NOT NULL,
  `balance` DECIMAL(12,2),
  `ratio` DOUBLE,
  `note` LONGTEXT,
  `active` BOOLEAN,
  `opened` DATE,
  `updated` DATETIME(6),
  `doc` JSON,
  `avatar` LONGBLOB,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(10),
  `id` BIGINT,
  `name` VARCHAR(100),
  `balance` DECIMAL(12,2),
  `ratio` DOUBLE,
  `note` LONGTEXT,
  `active` BOOLEAN,
  `opened` DATE,
  `updated` DATETIME(6),
  `doc` JSON,
  `avatar` LONGBLOB
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `id`, `name`, `balance`, `ratio`, `note`, `active`, `opened`, `updated`, `doc`, @cdc_hex10)
  SET `avatar` = UNHEX(@cdc_hex10);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`name`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `name`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`balance`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `balance`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`ratio`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `ratio`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`note`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `note`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`,
    FIRST_VALUE(s.`active`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `active`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u6`,
    FIRST_VALUE(s.`opened`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `opened`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u7`,
    FIRST_VALUE(s.`updated`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 8, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `updated`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 8, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u8`,
    FIRST_VALUE(s.`doc`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 9, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `doc`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 9, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u9`,
    FIRST_VALUE(s.`avatar`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 10, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `avatar`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 10, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u10`
  FROM `cdcc_rt`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `app_data`.`accounts` FROM `app_data`.`accounts` JOIN `cdcc_rt`.`cdcc_batch` ON `app_data`.`accounts`.`id` = `cdcc_rt`.`cdcc_batch`.`id` WHERE `cdcc_rt`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc_rt`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `app_data`.`accounts` (`id`, `name`, `balance`, `ratio`, `note`, `active`, `opened`, `updated`, `doc`, `avatar`)
SELECT * FROM (
  SELECT b.`id` AS `id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`name` ELSE b.`name` END AS `name`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`balance` ELSE b.`balance` END AS `balance`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`ratio` ELSE b.`ratio` END AS `ratio`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`note` ELSE b.`note` END AS `note`,
    CASE WHEN b.`_cdc_u6` = 1 THEN t.`active` ELSE b.`active` END AS `active`,
    CASE WHEN b.`_cdc_u7` = 1 THEN t.`opened` ELSE b.`opened` END AS `opened`,
    CASE WHEN b.`_cdc_u8` = 1 THEN t.`updated` ELSE b.`updated` END AS `updated`,
    CASE WHEN b.`_cdc_u9` = 1 THEN t.`doc` ELSE b.`doc` END AS `doc`,
    CASE WHEN b.`_cdc_u10` = 1 THEN t.`avatar` ELSE b.`avatar` END AS `avatar`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`accounts` AS t ON t.`id` = b.`id`
) AS n
ON DUPLICATE KEY UPDATE
  `name` = n.`name`,
  `balance` = n.`balance`,
  `ratio` = n.`ratio`,
  `note` = n.`note`,
  `active` = n.`active`,
  `opened` = n.`opened`,
  `updated` = n.`updated`,
  `doc` = n.`doc`,
  `avatar` = n.`avatar`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public.items -> my.app_data.items (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`items` (
  `tenant` INT NOT NULL,
  `sku` VARCHAR(32) NOT NULL,
  `qty` INT,
  `descr` LONGTEXT,
  `_op` CHAR(1),
  `_commit_ts` DATETIME(6),
  `_deleted` BOOLEAN DEFAULT FALSE NOT NULL,
  PRIMARY KEY (`tenant`, `sku`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(7),
  `tenant` INT,
  `sku` VARCHAR(32),
  `qty` INT,
  `descr` LONGTEXT,
  `_op` CHAR(1),
  `_commit_ts` DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `tenant`, `sku`, `qty`, `descr`, `_op`, `_commit_ts`);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`tenant`, s.`sku`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    MAX(CASE WHEN s.`_cdc_op` <> 'D' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_upsert`,
    FIRST_VALUE(s.`qty`) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `qty`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`descr`) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `descr`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`_op`) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `_op`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`,
    FIRST_VALUE(s.`_commit_ts`) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `_commit_ts`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`tenant`, s.`sku`, CASE WHEN s.`tenant` IS NULL OR s.`sku` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u6`
  FROM `cdcc_rt`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE FROM `cdcc_rt`.`cdcc_batch` WHERE `_cdc_op` = 'D' AND `_cdc_upsert` = 0 AND NOT EXISTS (SELECT 1 FROM `app_data`.`items` AS t WHERE t.`tenant` = `cdcc_rt`.`cdcc_batch`.`tenant` AND t.`sku` = `cdcc_rt`.`cdcc_batch`.`sku`);
INSERT INTO `app_data`.`items` (`tenant`, `sku`, `qty`, `descr`, `_op`, `_commit_ts`, `_deleted`)
SELECT * FROM (
  SELECT b.`tenant` AS `tenant`,
    b.`sku` AS `sku`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`qty` ELSE b.`qty` END AS `qty`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`descr` ELSE b.`descr` END AS `descr`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`_op` ELSE b.`_op` END AS `_op`,
    CASE WHEN b.`_cdc_u6` = 1 THEN t.`_commit_ts` ELSE b.`_commit_ts` END AS `_commit_ts`,
    b.`_cdc_op` = 'D' AS `_deleted`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`items` AS t ON t.`tenant` = b.`tenant` AND t.`sku` = b.`sku`
) AS n
ON DUPLICATE KEY UPDATE
  `qty` = n.`qty`,
  `descr` = n.`descr`,
  `_op` = n.`_op`,
  `_commit_ts` = n.`_commit_ts`,
  `_deleted` = n.`_deleted`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public.notes -> my.app_data.notes (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`notes` (
  `id` INT NOT NULL,
  `body` LONGTEXT,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(2),
  `id` INT,
  `body` LONGTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `id`, `body`);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`body`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `body`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`
  FROM `cdcc_rt`.`cdcc_stage` s
  WHERE s.`_cdc_op` <> 'D'
) x
WHERE x.`_cdc_rn` = 1;
INSERT INTO `app_data`.`notes` (`id`, `body`)
SELECT * FROM (
  SELECT b.`id` AS `id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`body` ELSE b.`body` END AS `body`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`notes` AS t ON t.`id` = b.`id`
) AS n
ON DUPLICATE KEY UPDATE
  `body` = n.`body`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public.events -> my.app_data.events (append)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`events` (
  `id` INT NOT NULL,
  `kind` VARCHAR(20),
  `body` LONGTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(3),
  `id` INT,
  `kind` VARCHAR(20),
  `body` LONGTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `id`, `kind`, `body`);
INSERT INTO `app_data`.`events` (`id`, `kind`, `body`)
SELECT s.`id`, s.`kind`, s.`body`
FROM `cdcc_rt`.`cdcc_stage` AS s;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public.codes -> my.app_data.codes (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`codes` (
  `code` VARCHAR(20),
  `label` LONGTEXT,
  `id` INT NOT NULL,
  UNIQUE (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(3),
  `code` VARCHAR(20),
  `label` LONGTEXT,
  `id` INT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `code`, `label`, `id`);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`code`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`code`, CASE WHEN s.`code` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`label`) OVER (PARTITION BY s.`code`, CASE WHEN s.`code` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `label`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`code`, CASE WHEN s.`code` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`id`) OVER (PARTITION BY s.`code`, CASE WHEN s.`code` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `id`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`code`, CASE WHEN s.`code` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`
  FROM `cdcc_rt`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `app_data`.`codes` FROM `app_data`.`codes` JOIN `cdcc_rt`.`cdcc_batch` ON `app_data`.`codes`.`code` = `cdcc_rt`.`cdcc_batch`.`code` WHERE `cdcc_rt`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc_rt`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `app_data`.`codes` (`code`, `label`, `id`)
SELECT * FROM (
  SELECT b.`code` AS `code`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`label` ELSE b.`label` END AS `label`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`id` ELSE b.`id` END AS `id`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`codes` AS t ON t.`code` = b.`code`
) AS n
ON DUPLICATE KEY UPDATE
  `label` = n.`label`,
  `id` = n.`id`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public.tags -> my.app_data.tags (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`tags` (
  `tag` VARCHAR(50) NOT NULL,
  PRIMARY KEY (`tag`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(1),
  `tag` VARCHAR(50)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `tag`);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`tag`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`tag`, CASE WHEN s.`tag` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`
  FROM `cdcc_rt`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `app_data`.`tags` FROM `app_data`.`tags` JOIN `cdcc_rt`.`cdcc_batch` ON `app_data`.`tags`.`tag` = `cdcc_rt`.`cdcc_batch`.`tag` WHERE `cdcc_rt`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc_rt`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `app_data`.`tags` (`tag`)
SELECT * FROM (
  SELECT b.`tag` AS `tag`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`tags` AS t ON t.`tag` = b.`tag`
) AS n
ON DUPLICATE KEY UPDATE
  `tag` = n.`tag`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- src.public."Order Items" -> my.app_data."Order Items" (merge)
CREATE DATABASE IF NOT EXISTS `app_data` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
CREATE TABLE IF NOT EXISTS `app_data`.`Order Items` (
  `select` INT NOT NULL,
  `we"ird` LONGTEXT,
  `naïve col` VARCHAR(40),
  `Mixed` DECIMAL(8,3),
  `a``b` LONGTEXT,
  PRIMARY KEY (`select`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(5),
  `select` INT,
  `we"ird` LONGTEXT,
  `naïve col` VARCHAR(40),
  `Mixed` DECIMAL(8,3),
  `a``b` LONGTEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc_rt`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `select`, `we"ird`, `naïve col`, `Mixed`, `a``b`);
CREATE TEMPORARY TABLE `cdcc_rt`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`select`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`we"ird`) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `we"ird`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`naïve col`) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `naïve col`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`Mixed`) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `Mixed`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`a``b`) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `a``b`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`select`, CASE WHEN s.`select` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`
  FROM `cdcc_rt`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `app_data`.`Order Items` FROM `app_data`.`Order Items` JOIN `cdcc_rt`.`cdcc_batch` ON `app_data`.`Order Items`.`select` = `cdcc_rt`.`cdcc_batch`.`select` WHERE `cdcc_rt`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc_rt`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `app_data`.`Order Items` (`select`, `we"ird`, `naïve col`, `Mixed`, `a``b`)
SELECT * FROM (
  SELECT b.`select` AS `select`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`we"ird` ELSE b.`we"ird` END AS `we"ird`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`naïve col` ELSE b.`naïve col` END AS `naïve col`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`Mixed` ELSE b.`Mixed` END AS `Mixed`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`a``b` ELSE b.`a``b` END AS `a``b`
  FROM `cdcc_rt`.`cdcc_batch` AS b LEFT JOIN `app_data`.`Order Items` AS t ON t.`select` = b.`select`
) AS n
ON DUPLICATE KEY UPDATE
  `we"ird` = n.`we"ird`,
  `naïve col` = n.`naïve col`,
  `Mixed` = n.`Mixed`,
  `a``b` = n.`a``b`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc_rt`.`cdcc_stage`;

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change (parameters ? in order)
INSERT INTO `cdcc_rt`.`cdcc_quarantine` (`pipeline`, `table_name`, `rule`, `reason`, `line`, `op`, `position`, `commit_time`, `row`, `quarantined_at`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6));
-- the checkpoint (pipeline, source, position, batch)
INSERT INTO `cdcc_rt`.`cdcc_checkpoints` (`pipeline`, `source`, `position`, `batch_id`, `committed_at`)
  VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))
  ON DUPLICATE KEY UPDATE `position` = VALUES(`position`), `batch_id` = VALUES(`batch_id`),
    `committed_at` = VALUES(`committed_at`);
exit: 0
