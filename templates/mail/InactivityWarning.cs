<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.FirstName ?>,

<?cs var:Lang.Mail.InactivityWarning.Text ?> <?cs var:Mail.Date ?>.

<?cs var:Lang.Mail.InactivityWarning.Keep ?>

<?cs var:Mail.PortalURL ?>

<?cs var:Lang.Mail.Closing ?>
<?cs var:Mail.Portal ?>
