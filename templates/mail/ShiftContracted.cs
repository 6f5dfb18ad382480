<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.ShiftContracted.Text ?>

<?cs var:Lang.Mail.ShiftContracted.When ?> <?cs var:Mail.When ?>
<?cs var:Lang.Mail.ShiftContracted.Contract ?> <?cs var:Mail.Contract ?>
<?cs var:Lang.Mail.ShiftContracted.Wage ?> € <?cs var:Mail.Wage ?>

<?cs var:Lang.Mail.ShiftContracted.Link ?>
<?cs var:Mail.PortalURL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
