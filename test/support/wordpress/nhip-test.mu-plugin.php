<?php
/*
 * Plugin Name: Nhịp test site
 * Description: Keeps the throw-away test site quiet: no outgoing e-mail (there is no MTA here).
 */
add_filter('pre_wp_mail', '__return_true');
