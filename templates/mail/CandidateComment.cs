<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.CandidateComment.Text ?>

<?cs var:Mail.Title ?>
<?cs var:Mail.Client ?> — <?cs var:Mail.Unit ?>

<?cs var:Lang.Mail.CandidateComment.Link ?>
<?cs var:Mail.URL ?>#comments

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
