<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.InterviewConfirmed.Text ?>

<?cs var:Mail.Title ?>
<?cs var:Mail.Client ?> — <?cs var:Mail.Unit ?>

<?cs var:Lang.Mail.InterviewConfirmed.When ?> <?cs var:Mail.When ?>

<?cs var:Lang.Mail.InterviewConfirmed.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
