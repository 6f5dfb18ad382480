<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.Invite.Text ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.Invite.Valid ?> <?cs var:Mail.Hours ?> <?cs var:Lang.Mail.Hours ?>. <?cs var:Lang.Mail.Invite.After ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?> — <?cs var:Mail.PortalURL ?>
<?cs var:Lang.Mail.Questions ?> <?cs var:Mail.Support ?>
