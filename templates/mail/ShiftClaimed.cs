<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ShiftClaimed.Text ?>

<?cs var:Lang.Mail.ShiftClaimed.Worker ?> <?cs var:Mail.Worker ?>
<?cs var:Lang.Mail.ShiftClaimed.When ?> <?cs var:Mail.When ?>

<?cs var:Lang.Mail.ShiftClaimed.Link ?>
<?cs var:Mail.URL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
