-- E0106: an overlong UTF-8 encoding (0xc0 0xaf) in a comment; only the first bad sequence is reported
pipeline p { } -- À¯ and ÿ
