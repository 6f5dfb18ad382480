<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.CandidateProposed.Text ?>

<?cs var:Mail.Title ?>
<?cs var:Mail.Client ?> — <?cs var:Mail.Unit ?>

<?cs var:Lang.Mail.CandidateProposed.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
