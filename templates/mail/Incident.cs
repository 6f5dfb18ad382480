<?cs if:Mail.Open ?><?cs var:Lang.Mail.Incident.OpenedText ?><?cs else ?><?cs var:Lang.Mail.Incident.ClosedText ?><?cs /if ?>

  <?cs var:Mail.Kind ?>: <?cs var:Mail.Detail ?>

<?cs var:Mail.Portal ?> — <?cs var:Mail.BaseURL ?>
<?cs var:Lang.Mail.Incident.Status ?>
