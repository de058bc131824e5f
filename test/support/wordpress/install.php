<?php
/*
 * Installs a fresh WordPress site for the tests, from the command line, with no web installer:
 *   php install.php <site root>
 * The site root holds the wp-config.php written by wordpress-server.ts; the database named there is
 * created here (NHIP_WP_DB_* in the environment, the same values). Prints one JSON line: the users and
 * their application passwords.
 */

$root = $argv[1] ?? '';
if ($root === '' || !is_file($root . '/wp-config.php')) {
    fwrite(STDERR, "usage: php install.php <site root with wp-config.php>\n");
    exit(2);
}

$env = function (string $name, ?string $default = null): string {
    $value = getenv($name);
    if ($value === false) {
        if ($default === null) {
            fwrite(STDERR, "missing environment variable $name\n");
            exit(2);
        }
        return $default;
    }
    return $value;
};
$permalinks = $env('NHIP_WP_PERMALINKS', 'plain');

/* The database must exist before wp-load.php connects to it. */
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
try {
    $mysql = new mysqli($env('NHIP_WP_DB_HOST'), $env('NHIP_WP_DB_USER'), $env('NHIP_WP_DB_PASSWORD', ''), '', (int) $env('NHIP_WP_DB_PORT'));
    $name = $mysql->real_escape_string($env('NHIP_WP_DB_NAME'));
    $mysql->query("CREATE DATABASE `$name` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    $mysql->close();
} catch (mysqli_sql_exception $e) {
    fwrite(STDERR, 'MariaDB: ' . $e->getMessage() . "\n");
    exit(3);
}

define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url($env('NHIP_WP_URL'), PHP_URL_HOST) . ':' . parse_url($env('NHIP_WP_URL'), PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REQUEST_METHOD'] = 'GET';

require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$adminPassword = wp_generate_password(24, false);
wp_install('Cổng thông tin điện tử thử nghiệm', 'nhip-admin', 'admin@nhip.test', true, '', $adminPassword);
update_option('siteurl', WP_SITEURL);
update_option('home', WP_HOME);
update_option('timezone_string', 'Asia/Ho_Chi_Minh');

global $wp_rewrite;
$wp_rewrite->set_permalink_structure($permalinks === 'pretty' ? '/%postname%/' : '');
$wp_rewrite->flush_rules(false);

/* A second user who may log in but not publish, for the "valid login, no permission" case. */
$contributorId = wp_insert_user([
    'user_login' => 'nhip-contributor',
    'user_email' => 'contributor@nhip.test',
    'user_pass'  => wp_generate_password(24, false),
    'role'       => 'contributor',
]);
if (is_wp_error($contributorId)) {
    fwrite(STDERR, 'wp_insert_user: ' . $contributorId->get_error_message() . "\n");
    exit(4);
}

$users = [];
foreach (['nhip-admin', 'nhip-contributor'] as $login) {
    $user = get_user_by('login', $login);
    $created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'Nhịp (kiểm thử)']);
    if (is_wp_error($created)) {
        fwrite(STDERR, 'application password: ' . $created->get_error_message() . "\n");
        exit(4);
    }
    $users[$login] = ['id' => $user->ID, 'applicationPassword' => $created[0]];
}

echo json_encode(['users' => $users, 'permalinkStructure' => get_option('permalink_structure')]), "\n";
