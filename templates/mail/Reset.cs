<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.Reset.Text ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.Reset.Valid ?> <?cs var:Mail.Minutes ?> <?cs var:Lang.Mail.Minutes ?>. <?cs var:Lang.Mail.Reset.NotYou ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?> — <?cs var:Mail.PortalURL ?>
