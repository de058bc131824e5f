<?php
/*
 * Router for `php -S`: what Debian's .htaccess (mod_rewrite) does under Apache. Existing files are served
 * as they are (PHP files run); every other path goes to WordPress's index.php, so pretty permalinks
 * (/wp-json/…, /<post-name>/) work.
 */
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/' && strpos($path, '..') === false && is_file($root . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
unset($_SERVER['PATH_INFO']);
chdir($root);
require $root . '/index.php';
