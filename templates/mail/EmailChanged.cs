<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.EmailChanged.Text ?>
<?cs if:Mail.By ?>
<?cs var:Lang.Mail.EmailChanged.By ?> <?cs var:Mail.By ?>.
<?cs /if ?>
<?cs var:Lang.Mail.EmailChanged.NotYou ?> <?cs var:Mail.Support ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?> — <?cs var:Mail.PortalURL ?>
