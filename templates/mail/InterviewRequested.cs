<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.InterviewRequested.Text ?>

<?cs var:Mail.Title ?>
<?cs var:Mail.Client ?> — <?cs var:Mail.Unit ?>

<?cs var:Lang.Mail.InterviewRequested.Slots ?>
<?cs each:s = Mail.Slots ?>- <?cs var:s ?>
<?cs /each ?>
<?cs var:Lang.Mail.InterviewRequested.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
