<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.PasswordChanged.Text ?>

<?cs var:Lang.Mail.PasswordChanged.NotYou ?> <?cs var:Mail.Support ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?> — <?cs var:Mail.PortalURL ?>
