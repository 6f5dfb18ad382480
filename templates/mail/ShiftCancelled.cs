<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ShiftCancelled.Text ?>

<?cs var:Lang.Mail.ShiftCancelled.When ?> <?cs var:Mail.When ?>
<?cs var:Mail.Unit ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
