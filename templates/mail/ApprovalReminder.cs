<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ApprovalReminder.Text ?>

<?cs var:Lang.Mail.ApprovalReminder.Weeks ?> <?cs var:Mail.Weeks ?>

<?cs var:Lang.Mail.ApprovalReminder.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
