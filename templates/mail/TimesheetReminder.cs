<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.TimesheetReminder.Text ?>

<?cs var:Lang.Mail.TimesheetReminder.Weeks ?> <?cs var:Mail.Weeks ?>

<?cs var:Lang.Mail.TimesheetReminder.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
